/**
 * The web dashboard: server-rendered pages over the same record, engine and catalog as the REST
 * API. Pages read without JavaScript; a small script adds ticking countdowns and live refresh from
 * the server-sent-events stream. Forms post to the same service layer as the API.
 */
package dev.compact.web;
