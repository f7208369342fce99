package io.deskpilot.bot.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.deskpilot.bot.kb.EntryKind;
import io.deskpilot.bot.kb.KnowledgeEntry;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/** Maps a knowledge entry to a Lucene document and back. The one place that knows the document layout. */
public final class TicketDocumentMapper {

	/**
	 * Version of the document layout, raised whenever a field is added or changes meaning: an index written with
	 * another layout lacks what ranking reads, so it is rebuilt from the database rather than reused (2: resolution
	 * time and when a duplicate was closed as one; 3: {@link TicketFields#OPEN_UNTIL}; 4: {@link TicketFields#DUPLICATE}
	 * marks duplicates, whose closing time is their {@link TicketFields#OPEN_UNTIL}).
	 */
	public static final int LAYOUT = 4;

	/** {@link TicketFields#OPEN_UNTIL} of a ticket that is still open. */
	public static final long STILL_OPEN = Long.MAX_VALUE;

	/** Stored stand-in for an unknown creation time: eligible for every query. */
	public static final long UNKNOWN_TIME = Long.MIN_VALUE;

	private TicketDocumentMapper() {
	}

	/** The document for an entry, with its dense vector when there is one. */
	public static Document toDocument(KnowledgeEntry entry, float @Nullable [] vector) {
		return toDocument(entry, vector, null);
	}

	/** The document for an entry, with its dense vectors (problem text, summary) when there are. */
	public static Document toDocument(KnowledgeEntry entry, float @Nullable [] vector, float @Nullable [] summaryVector) {
		Document doc = new Document();
		doc.add(new StringField(TicketFields.ID, entry.id(), Field.Store.YES));
		// needed to break score ties by ticket id, deterministically
		doc.add(new SortedDocValuesField(TicketFields.ID, new BytesRef(entry.id())));
		long created = entry.created() == null ? UNKNOWN_TIME : entry.created().toEpochMilli();
		doc.add(new LongField(TicketFields.CREATED, created, Field.Store.YES));
		if (entry.resolved() != null) {
			doc.add(new StoredField(TicketFields.RESOLVED, entry.resolved().toEpochMilli()));
		}
		if (entry.kind() == EntryKind.OPEN) {
			doc.add(new NumericDocValuesField(TicketFields.OPEN_UNTIL, STILL_OPEN));
		}
		else if (entry.resolved() != null) {
			doc.add(new NumericDocValuesField(TicketFields.OPEN_UNTIL, entry.resolved().toEpochMilli()));
		}
		if (entry.kind() == EntryKind.DUPLICATE) {
			doc.add(new NumericDocValuesField(TicketFields.DUPLICATE, 1));
		}
		doc.add(new TextField(TicketFields.SUMMARY, entry.summary(), Field.Store.YES));
		doc.add(new TextField(TicketFields.DESCRIPTION, entry.description(), Field.Store.YES));
		doc.add(new TextField(TicketFields.ANSWER, entry.answer(), Field.Store.YES));
		doc.add(new TextField(TicketFields.DISCUSSION, entry.discussion(), Field.Store.YES));
		doc.add(new TextField(TicketFields.CODE, entry.summary() + "\n" + entry.description(), Field.Store.NO));
		doc.add(new StringField(TicketFields.KIND, entry.kind().name(), Field.Store.YES));
		if (entry.resolution() != null) {
			doc.add(new StoredField(TicketFields.RESOLUTION, entry.resolution()));
		}
		if (entry.duplicateOf() != null) {
			doc.add(new StringField(TicketFields.DUPLICATE_OF, entry.duplicateOf(), Field.Store.YES));
		}
		for (String tag : entry.tags()) {
			doc.add(new StringField(TicketFields.TAGS, tag, Field.Store.YES));
		}
		if (vector != null) {
			doc.add(new KnnFloatVectorField(TicketFields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
		}
		if (summaryVector != null) {
			doc.add(new BinaryDocValuesField(TicketFields.SUMMARY_VECTOR, new BytesRef(VectorBytes.encode(summaryVector))));
		}
		return doc;
	}

	/** Rebuilds the entry from a document's stored fields. */
	public static KnowledgeEntry toEntry(Document doc) {
		IndexableField createdField = doc.getField(TicketFields.CREATED);
		long created = createdField == null ? UNKNOWN_TIME : createdField.numericValue().longValue();
		IndexableField resolved = doc.getField(TicketFields.RESOLVED);
		List<String> tags = new ArrayList<>();
		for (IndexableField f : doc.getFields(TicketFields.TAGS)) {
			tags.add(f.stringValue());
		}
		return new KnowledgeEntry(doc.get(TicketFields.ID), created == UNKNOWN_TIME ? null : Instant.ofEpochMilli(created),
				resolved == null ? null : Instant.ofEpochMilli(resolved.numericValue().longValue()),
				nonNull(doc.get(TicketFields.SUMMARY)), nonNull(doc.get(TicketFields.DESCRIPTION)),
				nonNull(doc.get(TicketFields.ANSWER)), nonNull(doc.get(TicketFields.DISCUSSION)),
				EntryKind.valueOf(doc.get(TicketFields.KIND)),
				doc.get(TicketFields.RESOLUTION), doc.get(TicketFields.DUPLICATE_OF), tags);
	}

	private static String nonNull(@Nullable String s) {
		return s == null ? "" : s;
	}

}
