/** Mirrors the server's table (POST /channels/:id/messages and /members): everyone but leadership. */
export const canWriteChannels = (role: string): boolean => role !== "leadership" && role !== "";
