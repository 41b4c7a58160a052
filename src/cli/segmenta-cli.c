/* segmenta-cli.c — the headless face of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 on success, 1 for bad input (a file, a rule, an expression),
 * 2 for bad usage (options).  Errors go to standard error as
 * "FILE:LINE:COLUMN: message"; row problems as warnings in the same form.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seg-cli-run.h"
#include "seg-engine.h"

int
main (int   argc,
      char *argv[])
{
  /* before anything else allocates much, and before any thread */
  seg_engine_use_batch_memory ();
  setlocale (LC_ALL, "");
  /* SEGMENTA_LOCALEDIR lets tests use the catalogues of an uninstalled build */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("SEGMENTA_LOCALEDIR") ? g_getenv ("SEGMENTA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  seg_engine_init ();

  return seg_cli_run (argc, argv);
}
