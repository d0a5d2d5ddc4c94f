export async function loadDemoData(_db: unknown) {}
