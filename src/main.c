/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "seg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SegApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* SEGMENTA_LOCALEDIR lets tests use the catalogues of an uninstalled build */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("SEGMENTA_LOCALEDIR") ? g_getenv ("SEGMENTA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = seg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
