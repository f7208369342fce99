package io.deskpilot.bot.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Owns the single {@link IndexWriter} of one tenant's index and a {@link SearcherManager} over it. Upserts replace a
 * ticket by its id. Only {@link #commit committed} changes survive a crash; searches see changes after
 * {@link #refresh()}. Thread-safe.
 */
public final class TicketIndex implements Closeable {

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private TicketIndex(Directory directory, Analyzer analyzer, Similarity similarity) throws IOException {
		this.directory = directory;
		IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(similarity)
			.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
			.setRAMBufferSizeMB(64);
		this.writer = new IndexWriter(directory, config);
		this.searchers = new SearcherManager(this.writer, new SearcherFactory() {
			@Override
			public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
				IndexSearcher searcher = new IndexSearcher(reader);
				searcher.setSimilarity(similarity);
				return searcher;
			}
		});
	}

	/** Opens (or creates) the index in a directory on disk. */
	public static TicketIndex open(Path path, Analyzer analyzer, Similarity similarity) {
		try {
			Files.createDirectories(path);
			return new TicketIndex(FSDirectory.open(path), analyzer, similarity);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the index at " + path, ex);
		}
	}

	/** An index that lives in memory only (evaluation, tests). */
	public static TicketIndex inMemory(Analyzer analyzer, Similarity similarity) {
		try {
			return new TicketIndex(new ByteBuffersDirectory(), analyzer, similarity);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Adds the document, replacing any earlier one with the same id. */
	public void upsert(String id, Document document) {
		try {
			this.writer.updateDocument(new Term(TicketFields.ID, id), document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot index ticket " + id, ex);
		}
	}

	/** Removes the ticket with this id, if present. */
	public void delete(String id) {
		try {
			this.writer.deleteDocuments(new Term(TicketFields.ID, id));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete ticket " + id, ex);
		}
	}

	/** Removes every document. */
	public void deleteAll() {
		try {
			this.writer.deleteAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Makes all changes durable, recording the given user data (e.g. a sync watermark) with the commit. */
	public void commit(Map<String, String> userData) {
		try {
			this.writer.setLiveCommitData(Map.copyOf(userData).entrySet());
			this.writer.commit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot commit the index", ex);
		}
	}

	/** The user data of the last commit (empty for a new index). */
	public Map<String, String> commitData() {
		try {
			if (!DirectoryReader.indexExists(this.directory)) {
				return Map.of();
			}
			Map<String, String> data = new HashMap<>();
			this.writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
			return data;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Makes recent changes visible to searches (near-real-time; does not commit). */
	public void refresh() {
		try {
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs a function with a searcher over the latest refreshed view. */
	public <T> T withSearcher(SearcherFunction<T> function) {
		IndexSearcher searcher;
		try {
			searcher = this.searchers.acquire();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			return function.apply(searcher);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			try {
				this.searchers.release(searcher);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** Live documents in the latest refreshed view. */
	public int size() {
		return withSearcher(s -> s.getIndexReader().numDocs());
	}

	/** Commits pending changes and closes the writer, the searchers and the directory. */
	@Override
	public void close() {
		try {
			this.searchers.close();
			this.writer.close();
			this.directory.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A search step that may throw {@link IOException}. */
	@FunctionalInterface
	public interface SearcherFunction<T> {

		/** Applies the step to a searcher. */
		T apply(IndexSearcher searcher) throws IOException;

	}

}
