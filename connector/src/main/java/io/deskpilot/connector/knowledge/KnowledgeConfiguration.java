package io.deskpilot.connector.knowledge;

import io.deskpilot.bot.embed.BgeSmallEmbedder;
import io.deskpilot.bot.embed.Embedder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dense model, loaded once and shared by every installation's knowledge base. */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

	@Bean(destroyMethod = "close")
	EmbedderHolder embedder(KnowledgeProperties properties) {
		if (!properties.dense()) {
			return new EmbedderHolder(null);
		}
		return new EmbedderHolder(BgeSmallEmbedder.load(properties.embeddingMaxTokens(), Runtime.getRuntime().availableProcessors()));
	}

	/** The embedder, or none when dense retrieval is switched off. */
	record EmbedderHolder(@org.jspecify.annotations.Nullable Embedder embedder) implements AutoCloseable {

		@Override
		public void close() {
			if (this.embedder != null) {
				this.embedder.close();
			}
		}

	}

}
