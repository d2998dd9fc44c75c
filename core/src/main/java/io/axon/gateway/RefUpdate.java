package io.axon.gateway;

/** One ref update command of a {@code git push}: {@code <old-id> <new-id> <ref>}. */
public record RefUpdate(String oldId, String newId, String ref) {

  /** git writes the all-zero id for "no object": a create (as old) or a delete (as new). */
  static boolean zero(String id) {
    return id.chars().allMatch(c -> c == '0');
  }

  public boolean isDelete() {
    return zero(newId);
  }

  public boolean isCreate() {
    return zero(oldId);
  }
}
