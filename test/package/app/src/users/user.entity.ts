// src/users/user.entity.ts
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Your app's own users (the module only keeps their connections). */
@Entity('app_user')
export class User {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  name: string;
}
