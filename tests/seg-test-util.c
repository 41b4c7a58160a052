/* seg-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "seg-test-util.h"

const char *
seg_test_source_root (void)
{
  const char *root = g_getenv ("SEG_SOURCE_ROOT");
  g_assert_nonnull (root);
  return root;
}

const char *
seg_test_build_root (void)
{
  const char *root = g_getenv ("SEG_BUILD_ROOT");
  g_assert_nonnull (root);
  return root;
}

char *
seg_test_fixture_path (const char *relative)
{
  return g_build_filename (seg_test_source_root (), "tests", "data", relative, NULL);
}

char *
seg_test_shared_data (const char *relative)
{
  g_autofree char *path = g_build_filename (seg_test_source_root (), "..", "shared", "data",
                                            relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_steal_pointer (&path);
}

char *
seg_test_require_shared_data (const char *relative)
{
  char *path = seg_test_shared_data (relative);
  const char *ci = g_getenv ("CI");

  if (path != NULL)
    return path;
  if (ci != NULL && *ci != '\0' && g_strcmp0 (ci, "0") != 0 && g_ascii_strcasecmp (ci, "false") != 0)
    g_test_fail_printf ("../shared/data/%s is missing, and CI=%s: "
                        "the reference data must be there", relative, ci);
  else
    g_test_skip_printf ("../shared/data/%s is not available", relative);
  return NULL;
}

char *
seg_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("segmenta-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

void
seg_test_rmdir_recursive (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        seg_test_rmdir_recursive (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}
