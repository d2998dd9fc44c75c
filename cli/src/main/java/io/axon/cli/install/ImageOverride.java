package io.axon.cli.install;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * {@code axon install --image IMAGE} or {@code --version TAG}: which controller image the
 * Deployments run. Without either, the manifests' image stays.
 *
 * @param image a whole image reference, or null
 * @param tag a tag to put on the manifests' image, or null
 */
public record ImageOverride(String image, String tag) {

  public static ImageOverride none() {
    return new ImageOverride(null, null);
  }

  /** Sets the image of every container of every Deployment among the objects. */
  public void applyTo(List<HasMetadata> objects) {
    if (image == null && tag == null) {
      return;
    }
    for (HasMetadata object : objects) {
      if (object instanceof Deployment deployment) {
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
          container.setImage(image != null ? image : withTag(container.getImage(), tag));
        }
      }
    }
  }

  /** {@code registry:5000/axon/controller:0.1.0} with tag {@code 0.2.0}: the tag replaced. */
  static String withTag(String image, String tag) {
    String name = image;
    int digest = name.indexOf('@');
    if (digest >= 0) {
      name = name.substring(0, digest);
    }
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      name = name.substring(0, colon);
    }
    return name + ":" + tag;
  }
}
