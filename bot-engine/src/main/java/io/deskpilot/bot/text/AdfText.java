package io.deskpilot.bot.text;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

/** Flattens Atlassian Document Format (the JSON body of Jira Cloud v3) to plain text. */
public final class AdfText {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AdfText() {
	}

	/** Whether the text looks like an ADF document ({@code {"type":"doc", ...}}). */
	public static boolean looksLikeAdf(String raw) {
		String t = raw.strip();
		return t.startsWith("{") && t.endsWith("}") && t.contains("\"doc\"") && t.contains("\"content\"");
	}

	/** Returns the plain text of an ADF document, or null if it is not valid ADF JSON. */
	public static @Nullable String toText(String raw) {
		try {
			JsonNode root = JSON.readTree(raw);
			if (!"doc".equals(root.path("type").asString(""))) {
				return null;
			}
			return toText(root);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** Returns the plain text of a parsed ADF node. */
	public static String toText(JsonNode node) {
		StringBuilder out = new StringBuilder();
		append(node, out, "");
		return out.toString().replaceAll("\n{3,}", "\n\n").strip();
	}

	private static void append(JsonNode node, StringBuilder out, String listPrefix) {
		String type = node.path("type").asString("");
		switch (type) {
			case "text" -> out.append(node.path("text").asString(""));
			case "hardBreak" -> out.append('\n');
			case "mention" -> out.append(node.path("attrs").path("text").asString(""));
			case "emoji" -> out.append(node.path("attrs").path("text").asString(""));
			case "inlineCard", "blockCard", "embedCard" -> out.append(node.path("attrs").path("url").asString(""));
			case "status" -> out.append(node.path("attrs").path("text").asString(""));
			case "date" -> out.append(node.path("attrs").path("timestamp").asString(""));
			case "rule" -> out.append("\n");
			case "paragraph", "heading", "codeBlock", "blockquote", "panel", "expand", "nestedExpand", "decisionItem",
					"taskItem" -> {
				children(node, out, listPrefix);
				out.append("\n\n");
			}
			case "bulletList", "orderedList", "taskList", "decisionList" -> {
				children(node, out, listPrefix);
				out.append('\n');
			}
			case "listItem" -> {
				out.append(listPrefix).append("- ");
				int before = out.length();
				children(node, out, listPrefix + "  ");
				trimTrailingNewlines(out, before);
				out.append('\n');
			}
			case "table" -> {
				children(node, out, listPrefix);
				out.append('\n');
			}
			case "tableRow" -> {
				children(node, out, listPrefix);
				out.append('\n');
			}
			case "tableCell", "tableHeader" -> {
				int before = out.length();
				children(node, out, listPrefix);
				trimTrailingNewlines(out, before);
				out.append(" | ");
			}
			default -> children(node, out, listPrefix);
		}
	}

	private static void children(JsonNode node, StringBuilder out, String listPrefix) {
		for (JsonNode child : node.path("content")) {
			append(child, out, listPrefix);
		}
	}

	private static void trimTrailingNewlines(StringBuilder out, int floor) {
		while (out.length() > floor && out.charAt(out.length() - 1) == '\n') {
			out.setLength(out.length() - 1);
		}
	}

}
