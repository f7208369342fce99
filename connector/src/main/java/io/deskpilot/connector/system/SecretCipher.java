package io.deskpilot.connector.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts platform secrets at rest with AES-256-GCM. The key comes from {@code deskpilot.secret-key}, or is generated
 * once into {@code <data-dir>/secret.key} (readable by the owner only).
 */
@Component
public class SecretCipher {

	private static final int IV_BYTES = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	SecretCipher(DeskpilotProperties properties) {
		this.key = new SecretKeySpec(loadKey(properties), "AES");
	}

	/** Returns base64(iv || ciphertext || tag). */
	public String encrypt(String plain) {
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt", ex);
		}
	}

	/** Reverses {@link #encrypt}; fails if the data was altered or another key was used. */
	public String decrypt(String encoded) {
		try {
			byte[] all = Base64.getDecoder().decode(encoded);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, all, 0, IV_BYTES));
			return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot decrypt a stored secret: was deskpilot.secret-key changed?", ex);
		}
	}

	/** A new random token (URL-safe base64 of 32 random bytes), e.g. for webhook secrets. */
	public static String randomToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] loadKey(DeskpilotProperties properties) {
		if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
			return decodeKey(properties.secretKey().strip(), "deskpilot.secret-key");
		}
		Path file = properties.dataDir().resolve("secret.key");
		try {
			return decodeKey(OwnerOnlyFiles.readOrCreate(file, () -> {
				byte[] fresh = new byte[32];
				RANDOM.nextBytes(fresh);
				return Base64.getEncoder().encodeToString(fresh);
			}).strip(), file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the secret key " + file, ex);
		}
	}

	private static byte[] decodeKey(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(source + " is not base64", ex);
		}
		if (!Set.of(16, 24, 32).contains(key.length)) {
			throw new IllegalStateException(source + " must decode to 16, 24 or 32 bytes, not " + key.length);
		}
		return key;
	}

}
