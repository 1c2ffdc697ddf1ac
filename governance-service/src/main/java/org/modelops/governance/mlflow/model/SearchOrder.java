package org.modelops.governance.mlflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MLflow's {@code order_by}: each entry is a key and an optional ASC or DESC. {@code key} here is the column a
 * search sorts on ({@code name}, {@code version}, {@code created},
 * {@code updated}), MLflow's names mapped onto what the registry has.
 */
public record SearchOrder(String key, boolean descending) {

    /** Registered models: MLflow's SQL store sorts both timestamps on the last update. */
    public static final Map<String, String> MODELS = Map.of("name", "name", "timestamp", "updated",
            "last_updated_timestamp", "updated");
    public static final String MODEL_KEYS = "'{'name', 'timestamp'}'";
    public static final Map<String, String> VERSIONS = Map.of("name", "name", "version_number", "version",
            "creation_timestamp", "created", "last_updated_timestamp", "updated");
    public static final String VERSION_KEYS = "'{'name', 'version_number', 'creation_timestamp',"
            + " 'last_updated_timestamp'}'";

    private static final Pattern ENTRY = Pattern.compile("(?i)\\s*`?([\\w.]+)`?\\s*(ASC|DESC)?\\s*");

    public static List<SearchOrder> parse(List<String> orderBy, Map<String, String> keys, String validKeys) {
        var orders = new ArrayList<SearchOrder>();
        for (var entry : orderBy) {
            var matcher = ENTRY.matcher(entry);
            if (!matcher.matches()) {
                throw MlflowError.invalid("Invalid order_by clause '" + entry + "': a key and ASC or DESC");
            }
            var key = matcher.group(1).replaceFirst("^(attribute|attributes|attr)\\.", "");
            var column = keys.get(key);
            if (column == null) {
                throw MlflowError.invalid("Invalid order by key '" + key + "' specified. Valid keys are "
                        + validKeys);
            }
            orders.add(new SearchOrder(column, matcher.group(2) != null
                    && matcher.group(2).toUpperCase(Locale.ROOT).equals("DESC")));
        }
        return orders;
    }
}
