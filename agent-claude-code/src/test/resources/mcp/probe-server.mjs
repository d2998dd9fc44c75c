// A minimal MCP server over stdio (JSON-RPC, one message a line), run with `node probe-server.mjs FILE`.
// It writes the $TOKEN it was started with to FILE, so a test sees what the server got, and serves
// one tool, whoami, whose result is the fixed text PROBE_ANSWER: a test finds it in what the agent
// sends the model next, so the call went through the MCP server and its result reached the model.
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";

const PROBE_ANSWER = "probe-answer-7f3a: the whoami tool ran";
writeFileSync(process.argv[2], process.env.TOKEN ?? "<unset>");

const reply = (id, result) =>
  process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id, result }) + "\n");
const fail = (id, message) =>
  process.stdout.write(
    JSON.stringify({ jsonrpc: "2.0", id, error: { code: -32601, message } }) + "\n",
  );

for await (const line of createInterface({ input: process.stdin })) {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    continue;
  }
  if (message.id === undefined || message.id === null) {
    continue; // A notification.
  }
  switch (message.method) {
    case "initialize":
      reply(message.id, {
        protocolVersion: message.params?.protocolVersion ?? "2024-11-05",
        capabilities: { tools: {} },
        serverInfo: { name: "probe", version: "1" },
      });
      break;
    case "tools/list":
      reply(message.id, {
        tools: [
          {
            name: "whoami",
            description: "Says who answers.",
            inputSchema: { type: "object", properties: {} },
          },
        ],
      });
      break;
    case "tools/call":
      reply(message.id, { content: [{ type: "text", text: PROBE_ANSWER }], isError: false });
      break;
    case "ping":
      reply(message.id, {});
      break;
    default:
      fail(message.id, "not here: " + message.method);
  }
}
