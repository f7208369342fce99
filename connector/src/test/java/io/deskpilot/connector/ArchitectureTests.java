package io.deskpilot.connector;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module and package boundaries of docs/ARCHITECTURE.md, enforced. */
class ArchitectureTests {

	private static final String[] ADAPTERS = { "..connector.sandbox..", "..connector.jira..", "..connector.rt..",
			"..connector.redmine.." };

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.deskpilot");

	@Test
	void botEngine_hasNoSpringAndDoesNotKnowTheConnector() {
		noClasses().that()
			.resideInAPackage("io.deskpilot.bot..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.deskpilot.connector..", "jakarta.servlet..")
			.check(this.classes);
	}

	@Test
	void ports_dependOnNoAdapter() {
		noClasses().that().resideInAPackage("..connector.platform..").should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
			.check(this.classes);
	}

	@Test
	void nothingOutsideAnAdapter_dependsOnIt() {
		for (String adapter : ADAPTERS) {
			noClasses().that()
				.resideOutsideOfPackage(adapter)
				.should()
				.dependOnClassesThat()
				.resideInAPackage(adapter)
				.allowEmptyShould(true)
				.check(this.classes);
		}
	}

	@Test
	void adapters_doNotDependOnEachOther() {
		for (String adapter : ADAPTERS) {
			for (String other : ADAPTERS) {
				if (!adapter.equals(other)) {
					noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat().resideInAPackage(other)
						.allowEmptyShould(true)
						.check(this.classes);
				}
			}
		}
	}

}
