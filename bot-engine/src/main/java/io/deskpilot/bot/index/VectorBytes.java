package io.deskpilot.bot.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.lucene.util.BytesRef;

/** Float vectors as little-endian bytes, for doc values. */
public final class VectorBytes {

	private VectorBytes() {
	}

	/** Encodes a vector. */
	public static byte[] encode(float[] v) {
		ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(v);
		return b.array();
	}

	/** The dot product of a query vector with an encoded vector. */
	public static double dot(float[] query, BytesRef encoded) {
		ByteBuffer b = ByteBuffer.wrap(encoded.bytes, encoded.offset, encoded.length).order(ByteOrder.LITTLE_ENDIAN);
		double dot = 0;
		for (int i = 0; i < query.length; i++) {
			dot += query[i] * b.getFloat();
		}
		return dot;
	}

}
