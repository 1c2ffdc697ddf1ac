package org.modelops.governance.mlflow.model;

import java.util.List;

/** One page of an MLflow search; {@code nextPageToken} is null on the last page. */
public record SearchPage<T>(List<T> items, String nextPageToken) {
}
