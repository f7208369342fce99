package io.deskpilot.connector.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerOnlyFilesTests {

	@TempDir
	Path tmp;

	@Test
	void aSecret_isCreatedOwnerOnly_inAnOwnerOnlyDirectory_andNothingElseIsLeft() throws Exception {
		Path file = this.tmp.resolve("data/nested/admin.token");
		assertThat(OwnerOnlyFiles.readOrCreate(file, () -> "s3cret\n")).isEqualTo("s3cret\n");
		assertThat(perms(file)).isEqualTo("rw-------");
		assertThat(perms(file.getParent())).isEqualTo("rwx------");
		assertThat(perms(this.tmp.resolve("data"))).isEqualTo("rwx------");
		try (Stream<Path> files = Files.list(file.getParent())) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("admin.token");
		}
	}

	@Test
	void anExistingSecret_isReadAndNeverReplaced() throws Exception {
		Path file = this.tmp.resolve("secret.key");
		Files.writeString(file, "kept");
		assertThat(OwnerOnlyFiles.readOrCreate(file, () -> {
			throw new AssertionError("no new content for an existing file");
		})).isEqualTo("kept");
	}

	@Test
	void racingCreators_allGetTheSameSecret() throws Exception {
		Path file = this.tmp.resolve("race/admin.password");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String mine = "value-" + i;
				Callable<String> create = () -> OwnerOnlyFiles.readOrCreate(file, () -> mine);
				results.add(pool.submit(create));
			}
			List<String> seen = new ArrayList<>();
			for (Future<String> r : results) {
				seen.add(r.get());
			}
			assertThat(seen).containsOnly(Files.readString(file));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anExistingDirectory_isNarrowedToTheOwner() throws Exception {
		Path dir = Files.createDirectory(this.tmp.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		OwnerOnlyFiles.directory(dir);
		assertThat(perms(dir)).isEqualTo("rwx------");
	}

	private static String perms(Path p) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
	}

}
