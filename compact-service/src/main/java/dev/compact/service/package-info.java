/**
 * The application layer of the service: loads the compact, keeps the record and the engine in step,
 * and answers queries. Controllers call it; it calls the pure core and the store.
 */
package dev.compact.service;
