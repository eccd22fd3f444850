/** Text as messages show it back: a submitted value repeated in an error, cut short and with its invisible characters named. */
package dev.compact.text;
