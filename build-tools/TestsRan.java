/*
 * Fails the build when a test class exists that neither Surefire nor Failsafe ran (a class named outside both
 * plugins' patterns never runs, silently), and, with DESKPILOT_FAIL_ON_SKIPPED=true (as .ci/run sets), when any test
 * was skipped. Run by each module's verify phase after Failsafe:
 *
 *   java build-tools/TestsRan.java <test-sources dir> <test-classes dir> <reports dir>... [--<property>=<value>]...
 *
 * The properties are Maven's own test selection ({@code test}, {@code it.test}, {@code skipTests}, {@code skipITs},
 * {@code maven.test.skip}): when only some tests were asked for, or none, there is nothing to check.
 * A test class is a concrete class, with a source file in the test sources, that has, or inherits from a class in the same directory, a method annotated
 * with a JUnit Jupiter test annotation; nested classes count as their top-level class. Reports are the plugins'
 * TEST-*.xml files. Source-file program (JEP 330): no build step, no dependencies.
 */
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public class TestsRan {

	private static final Set<String> TEST_ANNOTATIONS = Set.of("Lorg/junit/jupiter/api/Test;",
			"Lorg/junit/jupiter/params/ParameterizedTest;", "Lorg/junit/jupiter/api/RepeatedTest;",
			"Lorg/junit/jupiter/api/TestFactory;", "Lorg/junit/jupiter/api/TestTemplate;");

	private static final Pattern TESTCASE = Pattern.compile("<testcase\\b([^>]*?)(/>|>(.*?)</testcase>)", Pattern.DOTALL);

	private static final Pattern CLASSNAME = Pattern.compile("\\bclassname=\"([^\"]*)\"");

	private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");

	private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*?\\bname=\"([^\"]*)\"");

	/** What one class file says of itself. */
	record ClassInfo(String name, String superName, boolean concrete, boolean hasTests) {
	}

	public static void main(String[] args) throws IOException {
		List<Path> paths = new ArrayList<>();
		for (String a : args) {
			if (a.startsWith("--")) {
				String[] kv = a.substring(2).split("=", 2);
				String value = kv.length < 2 || kv[1].startsWith("${") ? "" : kv[1].strip();
				boolean selects = kv[0].equals("test") || kv[0].equals("it.test");
				if (selects ? !value.isEmpty() : value.equalsIgnoreCase("true")) {
					System.out.println("TestsRan: not checked (-D" + kv[0] + "=" + value + ": only some tests ran, or none)");
					return;
				}
			}
			else {
				paths.add(Path.of(a));
			}
		}
		if (paths.size() < 2) {
			System.err.println("usage: java TestsRan.java <test-sources dir> <test-classes dir> <reports dir>... [--<property>=<value>]...");
			System.exit(2);
		}
		Path sources = paths.get(0);
		Path classes = paths.get(1);
		List<Path> reports = paths.subList(2, paths.size());
		if (!Files.isDirectory(classes)) {
			return;
		}
		Map<String, ClassInfo> infos = new HashMap<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
				try (InputStream in = Files.newInputStream(f)) {
					ClassInfo info = read(new DataInputStream(in));
					infos.put(info.name(), info);
				}
			}
		}
		Set<String> testClasses = new TreeSet<>();
		for (ClassInfo c : infos.values()) {
			String top = topLevel(c.name());
			// a class file whose source is gone (renamed, deleted) is left over from an earlier build: not a test
			if (c.concrete() && hasTests(c, infos) && Files.exists(sources.resolve(top + ".java"))) {
				testClasses.add(top.replace('/', '.'));
			}
		}
		Set<String> ran = new HashSet<>();
		List<String> skipped = new ArrayList<>();
		for (Path dir : reports) {
			if (!Files.isDirectory(dir)) {
				continue;
			}
			try (Stream<Path> files = Files.list(dir)) {
				for (Path f : files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
					String xml = Files.readString(f);
					Matcher suite = SUITE.matcher(xml);
					if (suite.find()) {
						ran.add(topLevel(suite.group(1)));
					}
					Matcher m = TESTCASE.matcher(xml);
					while (m.find()) {
						Matcher cls = CLASSNAME.matcher(m.group(1));
						String owner = cls.find() ? cls.group(1) : "?";
						ran.add(topLevel(owner));
						String body = m.group(3);
						if (body != null && body.contains("<skipped")) {
							Matcher name = NAME.matcher(m.group(1));
							skipped.add(owner + "." + (name.find() ? name.group(1) : "?"));
						}
					}
				}
			}
		}
		List<String> notRun = testClasses.stream().filter(c -> !ran.contains(c)).toList();
		boolean failed = false;
		if (!notRun.isEmpty()) {
			System.err.println("TestsRan: " + notRun.size() + " test class(es) ran in neither Surefire (*Tests) nor Failsafe (*IT): "
					+ notRun + ". Name unit tests *Tests and integration tests *IT.");
			failed = true;
		}
		if ("true".equalsIgnoreCase(System.getenv("DESKPILOT_FAIL_ON_SKIPPED")) && !skipped.isEmpty()) {
			System.err.println("TestsRan: " + skipped.size() + " test(s) skipped while DESKPILOT_FAIL_ON_SKIPPED=true: " + skipped);
			failed = true;
		}
		if (failed) {
			System.exit(1);
		}
		System.out.println("TestsRan: all " + testClasses.size() + " test classes in " + classes + " ran"
				+ (skipped.isEmpty() ? ", none skipped" : ", " + skipped.size() + " test(s) skipped"));
	}

	private static boolean hasTests(ClassInfo c, Map<String, ClassInfo> infos) {
		for (ClassInfo k = c; k != null; k = k.superName() == null ? null : infos.get(k.superName())) {
			if (k.hasTests()) {
				return true;
			}
		}
		return false;
	}

	private static String topLevel(String name) {
		int dollar = name.indexOf('$');
		return dollar < 0 ? name : name.substring(0, dollar);
	}

	/** Reads the constant pool, access flags, this and super class of a class file (JVMS chapter 4). */
	static ClassInfo read(DataInputStream in) throws IOException {
		if (in.readInt() != 0xCAFEBABE) {
			throw new IOException("not a class file");
		}
		in.readUnsignedShort();
		in.readUnsignedShort();
		int count = in.readUnsignedShort();
		String[] utf8 = new String[count];
		int[] classNameIndex = new int[count];
		boolean annotated = false;
		for (int i = 1; i < count; i++) {
			int tag = in.readUnsignedByte();
			switch (tag) {
				case 1 -> {
					utf8[i] = in.readUTF();
					annotated |= TEST_ANNOTATIONS.contains(utf8[i]);
				}
				case 7 -> classNameIndex[i] = in.readUnsignedShort();
				case 8, 16, 19, 20 -> in.readUnsignedShort();
				case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
				case 15 -> {
					in.readUnsignedByte();
					in.readUnsignedShort();
				}
				case 5, 6 -> {
					in.readLong();
					i++;
				}
				default -> throw new IOException("unknown constant pool tag " + tag);
			}
		}
		int access = in.readUnsignedShort();
		String name = utf8[classNameIndex[in.readUnsignedShort()]];
		int superIndex = in.readUnsignedShort();
		String superName = superIndex == 0 ? null : utf8[classNameIndex[superIndex]];
		boolean concrete = (access & (0x0400 | 0x0200 | 0x2000 | 0x4000)) == 0;
		return new ClassInfo(name, superName, concrete, annotated);
	}

}
