package io.deskpilot.bot.text;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BoilerplateFilterTests {

	@TempDir
	Path tmp;

	@Test
	void learnsLinesThatRecurAcrossTickets_andStripsThem() {
		BoilerplateFilter filter = new BoilerplateFilter(0.2, 3);
		for (int i = 0; i < 10; i++) {
			filter.observe("User Agent: Mozilla/5.0 Firefox/" + (60 + i) + ".0\nSteps to reproduce:\nThe menu " + i + " is blank");
		}
		String stripped = filter.strip("User Agent: Mozilla/5.0 Firefox/99.0\nSteps to reproduce:\nThe sidebar is empty");
		assertThat(stripped).isEqualTo("The sidebar is empty");
	}

	@Test
	void staysOutOfTheWayUntilItHasSeenEnough() {
		BoilerplateFilter filter = new BoilerplateFilter(0.02, 5);
		filter.observe("Steps to reproduce:\nA");
		filter.observe("Steps to reproduce:\nB");
		assertThat(filter.strip("Steps to reproduce:\nC")).isEqualTo("Steps to reproduce:\nC");
	}

	@Test
	void survivesSaveAndLoad() {
		BoilerplateFilter filter = new BoilerplateFilter(0.2, 3);
		for (int i = 0; i < 10; i++) {
			filter.observe("Environment: production\nproblem " + i);
		}
		Path file = this.tmp.resolve("boilerplate.tsv");
		filter.save(file);
		BoilerplateFilter loaded = new BoilerplateFilter(0.2, 3);
		loaded.load(file);
		assertThat(loaded.strip("Environment: production\nnew problem")).isEqualTo("new problem");
	}

}
