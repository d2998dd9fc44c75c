package io.axon.controller.job;

import java.util.Map;

/**
 * What the kubelet does to a container variable's plain value, as the Kubernetes API documents
 * EnvVar.value: {@code $(NAME)} becomes the value of an earlier variable of the container (and
 * stays as it is when there is none), {@code $$} becomes {@code $}, and any other {@code $} stays.
 */
final class KubeletExpansion {

  private KubeletExpansion() {}

  static String expand(String value, Map<String, String> earlier) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c != '$' || i + 1 == value.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = value.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = value.indexOf(')', i + 2);
        if (close < 0) {
          out.append("$(");
          i += 2;
        } else {
          String name = value.substring(i + 2, close);
          out.append(earlier.getOrDefault(name, "$(" + name + ")"));
          i = close + 1;
        }
      } else {
        out.append('$').append(next);
        i += 2;
      }
    }
    return out.toString();
  }
}
