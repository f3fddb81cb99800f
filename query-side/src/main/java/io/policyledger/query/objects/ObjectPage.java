package io.policyledger.query.objects;

import java.util.List;

/**
 * One page of a list.
 *
 * @param resourceVersion the read model's position when the page was read: every item reflects the log up
 *                        to and including this revision
 * @param continueToken   opaque token for the next page, or null when this was the last
 */
public record ObjectPage(List<StoredObject> items, long resourceVersion, String continueToken) {}
