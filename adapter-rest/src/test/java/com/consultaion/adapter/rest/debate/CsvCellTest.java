package com.consultaion.adapter.rest.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {

    @Test
    void formulaLookingCellsAreDefusedAndEveryCellIsQuoted() {
        assertThat(Reports.csvCell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Reports.csvCell("+1+1")).isEqualTo("\"'+1+1\"");
        assertThat(Reports.csvCell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(Reports.csvCell("\tcmd")).isEqualTo("\"'\tcmd\"");
        assertThat(Reports.csvCell("-3.5")).isEqualTo("\"-3.5\"");
        assertThat(Reports.csvCell("plain, with comma")).isEqualTo("\"plain, with comma\"");
        assertThat(Reports.csvCell(null)).isEqualTo("\"\"");
    }
}
