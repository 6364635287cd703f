package dev.fnlens.collector.http;

import io.javalin.security.RouteRole;

/**
 * The scope a route needs, as the tokens will carry it: {@code ingest} (agents), {@code read} (UI, queries),
 * {@code admin} (alert rules, destinations, settings). Routes declare it when registered; a
 * {@code beforeMatched} handler checking {@code ctx.routeRoles()} against the caller's token enforces it.
 * Until tokens exist nothing is enforced (the collector binds to loopback by default).
 */
public enum ApiRole implements RouteRole {
    INGEST, READ, ADMIN
}
