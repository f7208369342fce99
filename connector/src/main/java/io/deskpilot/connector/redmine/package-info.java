/**
 * Adapter: Redmine (REST API with an API key). Issues are requests; journal notes are comments (private notes are
 * internal); {@code assigned_to} is the assignee; statuses are found by name; changes are polled by
 * {@code updated_on}. Redmine answers an invalid status or assignee with 204 and ignores it, so every change is read
 * back and reported when it did not take.
 */
@NullMarked
package io.deskpilot.connector.redmine;

import org.jspecify.annotations.NullMarked;
