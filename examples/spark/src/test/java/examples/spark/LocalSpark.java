package examples.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A Spark context in local mode on two threads, on the loopback address, without its web UI. */
final class LocalSpark {
    private LocalSpark() {}

    static JavaSparkContext start(String name) {
        return new JavaSparkContext(new SparkConf()
                .setMaster("local[2]")
                .setAppName(name)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }
}
