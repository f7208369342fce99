/** Retrieval: lexical BM25 over several fields, dense vectors, and their fusion. */
@NullMarked
package io.deskpilot.bot.search;

import org.jspecify.annotations.NullMarked;
