package io.deskpilot.bot.search;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.deskpilot.bot.index.TicketAnalyzers;
import io.deskpilot.bot.index.TicketFields;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LexicalQueryBuilderTests {

	private final LexicalQueryBuilder builder = new LexicalQueryBuilder(TicketAnalyzers.perField(),
			Map.of(TicketFields.DESCRIPTION, 1f), 64, 1f);

	@Test
	void largeIndex_leavesOutTermsInMoreThanATenthOfTheTickets() throws IOException {
		// 12,000 tickets: "instance" in all, "volume" in 15%, "snapshot" in 5%, "reboot" in 2%, "attach" in 1%
		try (DirectoryReader reader = index(12_000)) {
			Query query = this.builder.build("instance volume snapshot reboot attach", "", lookups(reader));
			assertThat(terms(query)).containsExactly("attach", "reboot", "snapshot");
		}
	}

	@Test
	void requestOfCommonTermsOnly_keepsItsRarestTerms() throws IOException {
		try (DirectoryReader reader = index(12_000)) {
			assertThat(terms(this.builder.build("instance volume", "", lookups(reader)))).containsExactly("instanc", "volum");
		}
	}

	@Test
	void smallIndex_keepsEveryTerm() throws IOException {
		// in 1,000 tickets no postings list is long enough to be worth leaving out
		try (DirectoryReader reader = index(1_000)) {
			assertThat(terms(this.builder.build("instance volume snapshot attach", "", lookups(reader))))
				.containsExactly("attach", "instanc", "snapshot", "volum");
		}
	}

	private static RequestTerms lookups(DirectoryReader reader) {
		return new RequestTerms(new org.apache.lucene.search.IndexSearcher(reader));
	}

	private static DirectoryReader index(int tickets) throws IOException {
		ByteBuffersDirectory dir = new ByteBuffersDirectory();
		try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(TicketAnalyzers.perField()))) {
			for (int i = 0; i < tickets; i++) {
				StringBuilder text = new StringBuilder("instance");
				if (i % 100 < 15) {
					text.append(" volume");
				}
				if (i % 100 < 5) {
					text.append(" snapshot");
				}
				if (i % 100 < 2) {
					text.append(" reboot");
				}
				if (i % 100 < 1) {
					text.append(" attach");
				}
				Document doc = new Document();
				doc.add(new TextField(TicketFields.DESCRIPTION, text.toString(), Field.Store.NO));
				writer.addDocument(doc);
			}
		}
		return DirectoryReader.open(dir);
	}

	private static Set<String> terms(Query query) {
		Set<String> terms = new TreeSet<>();
		query.visit(new QueryVisitor() {
			@Override
			public void consumeTerms(Query q, org.apache.lucene.index.Term... ts) {
				for (org.apache.lucene.index.Term t : ts) {
					terms.add(t.text());
				}
			}

			@Override
			public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
				return this;
			}
		});
		return terms;
	}

}
