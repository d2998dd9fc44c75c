package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/** A generic webhook delivery waiting for its Task: the item's id and its mapped fields. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class QueuedDelivery {
  @JsonPropertyDescription("The item's id (its ID field, or the delivery id).")
  private String id;

  @JsonPropertyDescription("The template fields read from the delivery's body.")
  private Map<String, String> fields = new LinkedHashMap<>();

  public QueuedDelivery() {}

  public QueuedDelivery(String id, Map<String, String> fields) {
    this.id = id;
    this.fields = new LinkedHashMap<>(fields);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public Map<String, String> getFields() {
    return fields;
  }

  public void setFields(Map<String, String> fields) {
    this.fields = fields == null ? new LinkedHashMap<>() : fields;
  }
}
