/** Dense embeddings of ticket text, computed in-process (ONNX Runtime) with a model shipped in a Maven artifact. */
@NullMarked
package io.deskpilot.bot.embed;

import org.jspecify.annotations.NullMarked;
