/**
 * Sanctions lists: an immutable entity model in the spirit of FollowTheMoney and the importers that
 * read published lists (OFAC, UN, EU, UK, FtM) into it.
 *
 * <p>The matcher in {@code dev.compact.screening} indexes these entities; nothing here knows about
 * matching. Importers read bytes handed to them and never touch the network or the clock, and a
 * malformed file is refused as a whole with a {@link dev.compact.sanctions.ListFormatException}
 * naming the file and line.
 */
package dev.compact.sanctions;
