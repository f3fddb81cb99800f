package io.policyledger.app.api.wire;

import java.util.List;

/** A {@code <Kind>List}. */
public record ObjectList<T>(String apiVersion, String kind, ListMeta metadata, List<T> items) {}
