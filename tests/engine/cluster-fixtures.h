/* cluster-fixtures.h — a small numeric CSV reader for the clustering tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads files without quoted commas (the fixtures under tests/data/reference
 * and the shared credit-card data), so the clustering tests do not depend
 * on the real CSV reader.  Empty cells are NAN.
 */
#pragma once

#include <math.h>
#include <stdlib.h>

#include "seg-matrix.h"

/* The columns named in @wanted (NULL-terminated; NULL = every column) of
 * the CSV at @path, as an n × p matrix. */
static inline SegMatrix *
cluster_fixture_load (const char         *path,
                      const char * const *wanted)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL, header = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cols = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (g_strchomp (lines[0]), ",", -1);
  for (guint w = 0; wanted == NULL ? header[w] != NULL : wanted[w] != NULL; w++)
    {
      guint j = w;
      if (wanted != NULL)
        for (j = 0; header[j] != NULL && g_strcmp0 (header[j], wanted[w]) != 0; j++)
          ;
      g_assert_nonnull (header[j]);
      g_array_append_val (cols, j);
    }
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      if (*g_strchomp (lines[i]) == '\0')
        continue;
      cells = g_strsplit (lines[i], ",", -1);
      for (guint c = 0; c < cols->len; c++)
        {
          const char *cell = cells[g_array_index (cols, guint, c)];
          double v = (cell == NULL || *cell == '\0') ? NAN : g_ascii_strtod (cell, NULL);
          g_array_append_val (values, v);
        }
      n++;
    }
  return seg_matrix_new_from (n, cols->len, (const double *) (const void *) values->data);
}

static inline SegMatrix *
cluster_fixture_reference (const char *name)
{
  g_autofree char *rel = g_build_filename ("reference", name, NULL);
  g_autofree char *path = seg_test_fixture_path (rel);
  return cluster_fixture_load (path, NULL);
}
