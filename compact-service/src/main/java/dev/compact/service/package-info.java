/**
 * The application layer of the service: loads the compact, turns requests' commands into events
 * (the command handler), keeps the record and the engine in step, and answers queries. Controllers
 * call it; it calls the pure core and the store, never the API or the dashboard (ModularityTests).
 */
package dev.compact.service;
