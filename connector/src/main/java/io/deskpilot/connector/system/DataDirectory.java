package io.deskpilot.connector.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Keeps {@code deskpilot.data-dir} private to the service's user: the directory is created (or narrowed to)
 * {@code rwx------} before the data source opens the embedded database inside it, and once the service has started,
 * the embedded database's files under {@code <data-dir>/db} are narrowed to {@code rw-------} (H2 creates them with
 * the process's umask, typically {@code rw-r--r--}). The index, the generated secrets and the database all live
 * below it.
 */
final class DataDirectory implements BeanPostProcessor, ApplicationListener<ApplicationStartedEvent> {

	private final Path dir;

	private boolean prepared;

	DataDirectory(Environment env) {
		this.dir = Binder.get(env).bind("deskpilot.data-dir", Path.class).orElse(Path.of("./data"));
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource && !this.prepared) {
			prepare();
		}
		return bean;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		prepare();
		Path db = this.dir.resolve("db");
		if (!Files.isDirectory(db)) {
			return;
		}
		try {
			OwnerOnlyFiles.directory(db);
			try (Stream<Path> files = Files.walk(db)) {
				for (Path f : files.toList()) {
					OwnerOnlyFiles.restrict(f, Files.isDirectory(f) ? OwnerOnlyFiles.DIRECTORY : OwnerOnlyFiles.FILE);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot restrict the database files in " + db, ex);
		}
	}

	private void prepare() {
		try {
			OwnerOnlyFiles.directory(this.dir);
			this.prepared = true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + this.dir.toAbsolutePath(), ex);
		}
	}

}
