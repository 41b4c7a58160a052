/* fuzz-replay.c — a fuzz target as a plain program: runs every file given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-replay-TARGET FILE|DIR… calls the target once per file (the files of
 * a directory in name order) and says how many it ran.  Any crash,
 * sanitizer report or failed assertion fails the test, and so does finding
 * nothing to replay.
 */
#include "config.h"

#include <stdio.h>

#include "seg-fuzz.h"

static void
replay (const char *path,
        guint      *n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        replay (g_ptr_array_index (names, i), n);
      return;
    }
  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  printf ("# %s\n", path);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  (*n)++;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE|DIR…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    replay (argv[i], &n);
  printf ("%u inputs replayed\n", n);
  return n > 0 ? 0 : 1;
}
