package io.deskpilot.connector.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories only the service's own user may read: generated secrets, the data directory, the embedded
 * database. A secret file is never visible with wider permissions, nor half written: it is written to a temporary
 * file created {@code rw-------} in the same directory and then linked into place, which fails if another process
 * got there first (its file is then read). Directories are created {@code rwx------}. On a file system without POSIX
 * permissions the directory's own access rules apply.
 */
public final class OwnerOnlyFiles {

	private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

	/** {@code rw-------} */
	public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	/** {@code rwx------} */
	public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private OwnerOnlyFiles() {
	}

	/**
	 * The file's content; when the file does not exist yet, it is created with {@code content}, readable and writable
	 * by the owner only from its first byte on.
	 */
	public static String readOrCreate(Path file, Supplier<String> content) throws IOException {
		if (Files.exists(file)) {
			return Files.readString(file);
		}
		Path dir = file.toAbsolutePath().getParent();
		directory(dir);
		String value = content.get();
		Path tmp = posix(dir) ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attribute(FILE))
				: Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				channel.write(StandardCharsets.UTF_8.encode(value));
				channel.force(true);
			}
			try {
				// atomic, and refuses to replace a file another process created meanwhile
				Files.createLink(file, tmp);
			}
			catch (FileAlreadyExistsException ex) {
				return Files.readString(file);
			}
			catch (UnsupportedOperationException | FileSystemException ex) {
				// no hard links here: a rename is still atomic (it would replace a file created in this instant)
				Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
			}
			return value;
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/**
	 * Creates the directory (and missing parents) {@code rwx------}, or narrows an existing one to that. A directory
	 * this user may not change (a mounted volume owned by root) is left as it is, with a log line.
	 */
	public static void directory(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			if (posix(firstExisting(dir))) {
				Files.createDirectories(dir, attribute(DIRECTORY));
			}
			else {
				Files.createDirectories(dir);
			}
			return;
		}
		restrict(dir, DIRECTORY);
	}

	/** Narrows an existing file or directory to {@code permissions}; leaves it, with a log line, if that is refused. */
	public static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
		if (!posix(path)) {
			return;
		}
		if (Files.getPosixFilePermissions(path).equals(permissions)) {
			return;
		}
		try {
			Files.setPosixFilePermissions(path, permissions);
		}
		catch (FileSystemException ex) {
			log.info("Cannot restrict {} to {} (not its owner?): {}", path, PosixFilePermissions.toString(permissions),
					ex.getMessage());
		}
	}

	private static boolean posix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private static Path firstExisting(Path dir) {
		Path p = dir.toAbsolutePath();
		while (p != null && !Files.exists(p)) {
			p = p.getParent();
		}
		return p == null ? dir.toAbsolutePath().getRoot() : p;
	}

	private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
		return PosixFilePermissions.asFileAttribute(permissions);
	}

}
