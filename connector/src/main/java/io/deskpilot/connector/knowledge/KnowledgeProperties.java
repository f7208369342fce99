package io.deskpilot.connector.knowledge;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Knowledge base settings ({@code deskpilot.knowledge.*}).
 *
 * @param answerThreshold confidence at or above which the bot answers customers
 * @param suggestThreshold confidence at or above which the bot suggests an answer to the agent
 * @param topK how many similar tickets a decision considers
 * @param importPageSize tickets per page when importing history
 * @param catchUpInterval how often each replica's index picks up tickets stored by others
 * @param dense whether to use the dense model besides BM25 (recommended; costs about 10 ms per ticket to index)
 * @param embeddingMaxTokens how much of a ticket the dense model reads, in word pieces
 */
@ConfigurationProperties("deskpilot.knowledge")
@Validated
record KnowledgeProperties(@DefaultValue("0.60") @DecimalMin("0") @DecimalMax("1") double answerThreshold,
		@DefaultValue("0.30") @DecimalMin("0") @DecimalMax("1") double suggestThreshold,
		@DefaultValue("10") @Min(1) @Max(100) int topK, @DefaultValue("100") @Min(1) @Max(1000) int importPageSize,
		@DefaultValue("10s") @NotNull Duration catchUpInterval, @DefaultValue("true") boolean dense,
		@DefaultValue("128") @Min(8) @Max(512) int embeddingMaxTokens) {

}
