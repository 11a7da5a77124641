package org.paperdigest.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as aligned columns, the way `ls -l` and `git branch -v` do. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    Table(String... header) {
        rows.add(header);
        rightAligned = new boolean[header.length];
    }

    Table alignRight(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    void add(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(row);
    }

    void print(PrintWriter out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = r[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(rightAligned[i] ? pad + cell : i == r.length - 1 ? cell : cell + pad);
                if (i < r.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
