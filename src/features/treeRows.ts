import * as vscode from 'vscode';

/** A view's row as the API's tests read it: what VS Code is handed for it, and its children, expanded. */
export interface TreeRow {
  readonly label: string;
  readonly description?: string;
  readonly icon?: string;
  readonly contextValue?: string;
  /** Present on rows with a checkbox. */
  readonly checked?: boolean;
  readonly children: TreeRow[];
}

/** Every row under `element` (the roots when undefined), expanded, as the provider hands them to VS Code. */
export async function treeRows<T>(provider: Pick<vscode.TreeDataProvider<T>, 'getChildren' | 'getTreeItem'>, element?: T): Promise<TreeRow[]> {
  const children = (await provider.getChildren(element)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await provider.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return {
        label,
        ...(typeof item.description === 'string' ? { description: item.description } : {}),
        ...(item.iconPath instanceof vscode.ThemeIcon ? { icon: item.iconPath.id } : {}),
        ...(item.contextValue ? { contextValue: item.contextValue } : {}),
        ...(item.checkboxState !== undefined ? { checked: checkboxChecked(item.checkboxState) } : {}),
        children: await treeRows(provider, child),
      };
    }),
  );
}

function checkboxChecked(state: NonNullable<vscode.TreeItem['checkboxState']>): boolean {
  return (typeof state === 'object' ? state.state : state) === vscode.TreeItemCheckboxState.Checked;
}
