package examples.spark;

import java.io.Serializable;

/**
 * One sample as it arrives in an RDD, before its partition packs it: a label in {-1, 1} and the
 * sample's features.
 *
 * @param label    the class, -1 or 1
 * @param features the sample's features, as many as the model's weights
 */
public record LabeledRow(double label, double[] features) implements Serializable {
}
