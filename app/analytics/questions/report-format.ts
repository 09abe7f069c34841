export function formatDateTime(value: string) {
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function formatShare(share: number | null) {
  return share === null ? "—" : `${Math.round(share * 100)}%`;
}
