/** Text normalisation of help-desk markup (wiki markup, ADF, HTML, e-mail quotes). */
@NullMarked
package io.deskpilot.bot.text;

import org.jspecify.annotations.NullMarked;
