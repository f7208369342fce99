/**
 * Deskpilot's bot engine: a per-tenant knowledge base of resolved tickets ({@link io.deskpilot.bot.KnowledgeBase}),
 * retrieval, the decision policy and the evaluation command. A plain Java library without Spring.
 */
@NullMarked
package io.deskpilot.bot;

import org.jspecify.annotations.NullMarked;
