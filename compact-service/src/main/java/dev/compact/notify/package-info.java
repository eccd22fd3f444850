/**
 * Notifications: a server-sent-events stream of norm transitions, signed webhooks per party with
 * retries, and an iCalendar feed of each party's upcoming deadlines.
 */
package dev.compact.notify;
