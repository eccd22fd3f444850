/**
 * Notifications: an outbox of norm transitions written with each append, from which every instance
 * streams every instance's writes as server-sent events (resumable with Last-Event-ID) and sends
 * signed webhooks with retries kept in the database; and an iCalendar feed of each party's deadlines.
 */
package dev.compact.notify;
