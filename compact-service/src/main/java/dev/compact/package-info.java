/**
 * The service's entry point, {@code ServiceApplication}, which wires the feature packages below it
 * (store, service, access, api, web, notify, log, ...). Nothing else lives at this level.
 */
package dev.compact;
