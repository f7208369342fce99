/**
 * Whether an earlier agent's reply can be given to a new customer, and in what form: instructions are reusable, a
 * report of what an agent did for that customer is not ({@link ReplyKind}); the earlier customer's details, greetings
 * and sign-offs are taken out; a reply about another platform or version does not fit ({@link AnswerFit}).
 */
@NullMarked
package io.deskpilot.bot.answer;

import org.jspecify.annotations.NullMarked;
