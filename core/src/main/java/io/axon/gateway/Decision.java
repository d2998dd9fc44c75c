package io.axon.gateway;

/**
 * What a gateway rule said about one request: allowed, or refused with a reason the agent is shown
 * (never a credential).
 */
public record Decision(boolean allowed, String reason) {

  private static final Decision ALLOW = new Decision(true, "");

  public static Decision allow() {
    return ALLOW;
  }

  public static Decision refuse(String reason) {
    return new Decision(false, reason);
  }
}
