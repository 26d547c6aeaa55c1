/** A small application menu (File: open, quit; Edit for copy; View: reload, devtools, zoom). */
import type { MenuItemConstructorOptions } from 'electron';

export function menuTemplate(openDialog: () => void, quit: () => void): MenuItemConstructorOptions[] {
  return [
    { label: 'File', submenu: [{ label: 'Open Capture…', accelerator: 'CmdOrCtrl+O', click: openDialog }, { type: 'separator' }, { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: quit }] },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'selectAll' }] },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }] },
  ];
}
